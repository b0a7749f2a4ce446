/**
 * The client protocol as types: every frame a client may send, as a record, decoded by Jackson and
 * checked by Bean Validation, with the exact message a client sees for each invalid field; the JSON
 * Schema in docs/protocol is generated from these records. See docs/protocol.md.
 */
@ApplicationModule(
    displayName = "Protocol",
    allowedDependencies = {"engine"})
package hokm.protocol;

import org.springframework.modulith.ApplicationModule;
