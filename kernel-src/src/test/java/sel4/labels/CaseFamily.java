package sel4.labels;

import java.util.List;

/** The label cases of one kernel object family (one decoder and its sub-decoders). */
interface CaseFamily {
    /** A short name for the test report, e.g. "TCB registers". */
    String name();

    List<LabelCase> cases();
}
