package hokm.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error codes an endpoint answers beyond those every endpoint of its kind does. The OpenAPI
 * document lists them with their statuses, together with the shared ones: {@code NOT_ACCEPTABLE}
 * and {@code INTERNAL} everywhere, the body's refusals where there is a body, {@code
 * UNAUTHENTICATED} and {@code TOKEN_REVOKED} for a bearer token, {@code DATABASE_UNAVAILABLE} on
 * the paths guarded while PostgreSQL is away.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiErrors {
  ApiErrorCode[] value();
}
