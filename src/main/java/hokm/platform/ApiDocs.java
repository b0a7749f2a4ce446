package hokm.platform;

/** Names shared by the API's OpenAPI document and the endpoints it describes. */
public final class ApiDocs {

  /**
   * The security scheme of an access token ({@code Authorization: Bearer <JWT>}): an operation that
   * needs one says {@code @SecurityRequirement(name = ApiDocs.BEARER)}.
   */
  public static final String BEARER = "bearer";

  private ApiDocs() {}
}
