package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AdvisoryLocksTest {

    @Test
    void shouldGiveEveryAdvisoryLockAClassOfItsOwn() throws IllegalAccessException {
        List<Integer> classes = new ArrayList<>();
        for (Field field : AdvisoryLocks.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                classes.add(field.getInt(null));
            }
        }
        assertThat(classes).hasSizeGreaterThanOrEqualTo(7).doesNotHaveDuplicates();
    }

    @Test
    void shouldTakeOnlyNamedLockClassesInTheRepeatableMigrations() throws IOException, IllegalAccessException {
        List<Integer> named = new ArrayList<>();
        for (Field field : AdvisoryLocks.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                named.add(field.getInt(null));
            }
        }
        Pattern lock = Pattern.compile("pg_advisory_xact_lock\\((\\d+),");
        List<Integer> taken = new ArrayList<>();
        try (var files = Files.list(Path.of("db/migration"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("R__")).toList()) {
                Matcher m = lock.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    taken.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        assertThat(taken).isNotEmpty().contains(AdvisoryLocks.JUDGMENT_ADMISSION);
        assertThat(named).containsAll(taken);
    }
}
