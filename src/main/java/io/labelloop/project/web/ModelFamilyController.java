package io.labelloop.project.web;

import io.labelloop.project.ModelFamilies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Projects")
class ModelFamilyController {

    @GetMapping("/api/v1/model-families")
    @Operation(summary = "Model families a project's modelFamily setting may pin (besides AUTO)")
    List<ModelFamilies.Offered> families() {
        return ModelFamilies.offered();
    }
}
