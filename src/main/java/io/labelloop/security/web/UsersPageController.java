package io.labelloop.security.web;

import io.labelloop.security.AuthenticatedUser;
import io.labelloop.security.Role;
import io.labelloop.security.internal.UserAccounts;
import io.labelloop.security.internal.UserRepository;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.web.PageController;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's users page: every account with its role, and a form to create one (the API's rules, shown
 * next to the fields). New users then join projects on each project's members page.
 */
@PageController
class UsersPageController {

    private final UserRepository users;
    private final UserAccounts accounts;
    private final Validator validator;

    UsersPageController(UserRepository users, UserAccounts accounts, Validator validator) {
        this.users = users;
        this.accounts = accounts;
        this.validator = validator;
    }

    @GetMapping("/admin/users")
    String list(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        requireAdmin(me);
        model.addAttribute("users", users.findAll(Sort.by("username")));
        model.addAttribute("roles", Role.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("role")) {
            model.addAttribute("role", Role.ANNOTATOR);
        }
        return "users";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) Role role, @AuthenticationPrincipal AuthenticatedUser me,
            RedirectAttributes redirect, Model model) {
        requireAdmin(me);
        NewUser user = new NewUser(username.strip(), password, role);
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<NewUser> v : validator.validate(user)) {
            errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage());
        }
        if (errors.isEmpty()) {
            try {
                accounts.create(user.username(), user.password(), user.role());
                redirect.addFlashAttribute("created", user.username());
                return "redirect:/admin/users";
            } catch (ApiException e) {
                if (e.status() != HttpStatus.CONFLICT) {
                    throw e;
                }
                errors.put("username", e.getMessage());
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("username", username);
        model.addAttribute("role", role);
        return list(me, model);
    }

    private static void requireAdmin(AuthenticatedUser me) {
        if (!me.isAdmin()) {
            throw ApiException.forbidden("only admins manage users");
        }
    }
}
