package io.labelloop.security.web;

import io.labelloop.shared.web.PageController;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security's form login handles the POST to the same path. */
@PageController
class LoginPageController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
