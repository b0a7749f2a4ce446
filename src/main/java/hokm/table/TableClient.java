package hokm.table;

/** A connected socket, as a table sees it: who is behind it and how to send them a frame. */
public interface TableClient {

  /** Unique per socket. */
  String connectionId();

  PlayerRef player();

  /** Queues a frame for the client; never blocks. */
  void send(Message message);
}
