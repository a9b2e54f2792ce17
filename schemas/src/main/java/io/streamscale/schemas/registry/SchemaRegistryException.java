package io.streamscale.schemas.registry;

/**
 * A registry answered with an error, or could not be reached. {@link #errorCode()} is Confluent's
 * error code (40401 subject not found, 40403 schema not found, 409 incompatible, 42201 invalid
 * schema, ...) or -1 when no registry answered.
 */
public class SchemaRegistryException extends RuntimeException {
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;

    private final int errorCode;

    public SchemaRegistryException(final int errorCode, final String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(final String message, final Throwable cause) {
        super(message, cause);
        this.errorCode = -1;
    }

    public int errorCode() {
        return errorCode;
    }
}
