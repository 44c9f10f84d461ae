package io.labelloop.shared.web;

import io.labelloop.shared.ApiException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders a page controller's refusal (403, 404, 409, ...) as {@code error.html}, the readable page
 * every HTML error shows, with the right status.
 */
@ControllerAdvice(annotations = PageController.class)
class PageErrorAdvice {

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e) {
        ModelAndView page = new ModelAndView("error");
        page.addObject("status", e.status().value());
        page.addObject("detail", e.getMessage());
        page.setStatus(e.status());
        return page;
    }
}
