package hokm.platform.embedded;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;

/** Stops the embedded servers when the application that started them fails to start. */
public class EmbeddedServicesFailureListener
    implements ApplicationListener<ApplicationFailedEvent> {

  @Override
  public void onApplicationEvent(ApplicationFailedEvent event) {
    EmbeddedServices.release(event.getSpringApplication());
  }
}
