package hokm.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips the database tests of a Testcontainers run on a machine without Docker. */
public class BackendsAvailable implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (TestBackends.containersRequested() && !TestBackends.dockerAvailable()) {
      return ConditionEvaluationResult.disabled(
          "hokm.test.containers=true but no Docker engine is reachable");
    }
    return ConditionEvaluationResult.enabled("backends available");
  }
}
