package io.labelloop.item.web;

import io.labelloop.item.ItemQueries;
import io.labelloop.item.ItemView;
import io.labelloop.item.UploadReport;
import io.labelloop.item.UploadSettings;
import io.labelloop.item.internal.BodyTooLargeException;
import io.labelloop.item.internal.ItemIngestService;
import io.labelloop.item.internal.UploadFormat;
import io.labelloop.item.internal.UploadParseException;
import io.labelloop.project.Project;
import io.labelloop.project.ProjectAccess;
import io.labelloop.security.AuthenticatedUser;
import io.labelloop.shared.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/projects/{id}/items")
@Tag(name = "Items")
class ItemController {

    private static final List<MediaType> ACCEPTED = List.of(MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_NDJSON, MediaType.parseMediaType("text/csv"));

    private final ProjectAccess access;
    private final ItemIngestService ingest;
    private final ItemQueries queries;
    private final UploadSettings settings;

    ItemController(ProjectAccess access, ItemIngestService ingest, ItemQueries queries, UploadSettings settings) {
        this.access = access;
        this.ingest = ingest;
        this.queries = queries;
        this.settings = settings;
    }

    @PostMapping
    @Operation(summary = "Bulk upload of items (JSON array, NDJSON or CSV; format=labelstudio for Label Studio's JSON tasks, "
            + "whose annotations' choices become imported labels); idempotent on externalId",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/json"), @Content(mediaType = "application/x-ndjson"),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string"))}))
    UploadReport upload(@PathVariable long id, HttpServletRequest request, @AuthenticationPrincipal AuthenticatedUser me)
            throws IOException, HttpMediaTypeNotSupportedException {
        Project project = access.requireManage(id, me);
        UploadFormat format = format(request.getContentType());
        String asked = request.getParameter("format");
        if (asked != null && !asked.isBlank()) {
            if (!asked.equalsIgnoreCase("labelstudio")) {
                throw ApiException.invalid("format", "must be labelstudio (or left out: the Content-Type decides)");
            }
            if (format != UploadFormat.JSON) {
                throw ApiException.invalid("format", "labelstudio needs a JSON body (Content-Type: application/json)");
            }
            format = UploadFormat.LABEL_STUDIO;
        }
        long limit = settings.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw ApiException.payloadTooLarge(limit);
        }
        String encoding = request.getHeader("Content-Encoding");
        try (InputStream body = request.getInputStream()) {
            return ingest.ingest(project, format, body, encoding != null && encoding.equalsIgnoreCase("gzip"));
        } catch (UploadParseException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ZipException || e.getCause() instanceof EOFException) { // the body is on disk by now
                throw ApiException.badRequest("the gzip-encoded body is corrupt");
            }
            throw e;
        } catch (BodyTooLargeException e) {
            throw ApiException.payloadTooLarge(limit);
        }
    }

    @GetMapping
    @Operation(summary = "A page of items in id order; pass the last id seen as 'after'")
    List<ItemView> list(@PathVariable long id, @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit, @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireView(id, me);
        if (limit < 1 || limit > 1000) {
            throw ApiException.invalid("limit", "must be between 1 and 1000");
        }
        return queries.page(id, after, limit);
    }

    @GetMapping("/{itemId}")
    ItemView get(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        access.requireView(id, me);
        return queries.get(id, itemId);
    }

    @GetMapping("/{itemId}/image")
    @Operation(summary = "The item's image as uploaded (PNG or JPEG)")
    ResponseEntity<byte[]> image(@PathVariable long id, @PathVariable long itemId, @AuthenticationPrincipal AuthenticatedUser me) {
        return ItemImagePage.of(queries, access, id, itemId, me);
    }

    private static UploadFormat format(String contentType) throws HttpMediaTypeNotSupportedException {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        MediaType parsed = type;
        return UploadFormat.of(parsed).orElseThrow(() -> new HttpMediaTypeNotSupportedException(parsed, ACCEPTED));
    }
}
