package hokm.platform;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of every error answer. {@code code} is stable; {@code message} is for people. */
@Schema(description = "The body of every error answer.")
public record ApiError(
    @Schema(description = "Stable: clients act on it.", requiredMode = Schema.RequiredMode.REQUIRED)
        ApiErrorCode code,
    @Schema(
            description =
                "For people: says what was refused and why (names the field for VALIDATION);"
                    + " never the server's internals.",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String message) {}
