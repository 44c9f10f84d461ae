package io.labelloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Labelloop: a labeling service that learns while people label. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LabelloopApplication {
    public static void main(String[] args) {
        SpringApplication.run(LabelloopApplication.class, args);
    }
}
