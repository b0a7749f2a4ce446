/**
 * The rules of Hokm as a pure core: cards, the deal, trump, tricks, scoring, hakem rotation, each
 * seat's view and the bots. It uses the JDK only (checked by {@code ArchitectureTest}), so it
 * declares its module with no annotation: it may depend on no other module.
 */
package hokm.engine;
