package io.labelloop.item.internal;

import io.labelloop.item.ItemIntake.ToPredict;
import io.labelloop.item.ItemVectors;
import io.labelloop.item.UploadSettings;
import io.labelloop.project.Project;
import io.labelloop.shared.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Items sent to be predicted, not stored: read by the upload's JSON reader and checked by its
 * validator ({@link RowValidator#forPredictions}), then encoded as stored items are. The first item
 * at fault is a 422 naming its position and field ({@code [2].externalId}).
 */
@Component
public class PredictionReader {

    private final UploadSettings settings;
    private final FeatureSchemaStore schemas;

    PredictionReader(UploadSettings settings, FeatureSchemaStore schemas) {
        this.settings = settings;
        this.schemas = schemas;
    }

    public List<ToPredict> read(Project project, JsonNode body) {
        if (!body.isArray()) {
            throw ApiException.badRequest("the body must be a JSON array of items");
        }
        RowValidator validator = RowValidator.forPredictions(project.taskType(), schemas.load(project.id()),
                settings.maxImageSize().toBytes());
        List<ToPredict> items = new ArrayList<>(body.size());
        int position = 0;
        for (JsonNode node : body) {
            position++;
            String at = "[" + position + "]";
            RowCheck checked = validator.check(JsonItemMapper.toRecord(node, position));
            if (!(checked instanceof StagedRow row)) {
                RowCheck.Refused refused = (RowCheck.Refused) checked;
                throw ApiException.invalid("item".equals(refused.field()) ? at : at + "." + refused.field(), refused.error());
            }
            float[] features = row.features() == null ? null : FeatureVectors.unpack(row.features());
            try {
                items.add(new ToPredict(row.externalId(), ItemVectors.encode(project.taskType(), row.text(), features,
                        row.image()), row.text()));
            } catch (RuntimeException e) {
                throw ApiException.invalid(at, "cannot be read as a " + project.taskType() + " item: " + e.getMessage());
            }
        }
        return items;
    }
}
