package hokm.platform.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser client's page at {@code /}, answered directly rather than forwarded to {@code
 * /index.html}, so the filters that add its ETag and security headers see the whole answer.
 */
@RestController
class ClientPage {
  private final Resource page = new ClassPathResource("static/index.html");

  @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<Resource> page() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noCache())
        .contentType(MediaType.TEXT_HTML)
        .body(page);
  }
}
