package io.labelloop.shared.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Strings bound from JSON request bodies may not hold a NUL character: PostgreSQL text cannot
 * store one, and such a project name or token name would fail at the insert, far from the field at
 * fault. Refused while binding instead, as a 400 naming the field. (Items are read as trees and
 * refuse NUL row by row, with their own message.)
 */
@Configuration
class NulFreeStrings {

    @Bean
    JacksonModule nulFreeStringModule() {
        return new SimpleModule("nul-free-strings").addDeserializer(String.class, new Deserializer());
    }

    /** Thrown for a string with a NUL character; its message is what the caller is told about the field. */
    public static final class NulCharacterException extends MismatchedInputException {

        static final String MESSAGE = "must not contain a NUL character";

        NulCharacterException(JsonParser parser) {
            super(parser, MESSAGE, String.class);
        }
    }

    private static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new NulCharacterException(parser);
            }
            return value;
        }
    }
}
