package io.labelloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LabelloopApplication {
    public static void main(String[] args) {
        SpringApplication.run(LabelloopApplication.class, args);
    }
}
