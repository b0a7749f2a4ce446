package hokm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Hokm game server. */
@SpringBootApplication
public class HokmApplication {

  public static void main(String[] args) {
    SpringApplication.run(HokmApplication.class, args);
  }
}
