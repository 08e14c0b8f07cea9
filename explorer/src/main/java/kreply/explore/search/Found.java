package kreply.explore.search;

import kreply.explore.driver.Violation;

/**
 * A violation found by a search: the scenario that leads to it (its last step is the one during
 * which the check failed), the violation, and where the search found it (trial index for the
 * random search, depth for the exhaustive one).
 */
public record Found(Steps steps, Violation violation, long trial) {
}
