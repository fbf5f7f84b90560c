package dev.portrait.store;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs every test of the class once per {@link StoreEngine}: the class takes the engine in a
 * {@code @Parameter StoreEngine engine} field and opens its stores with {@code engine.open(dir)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@EnumSource(StoreEngine.class)
@ExtendWith(TestPostgres.Lifecycle.class)
public @interface OnEveryEngine {
}
