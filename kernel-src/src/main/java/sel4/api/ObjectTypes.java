package sel4.api;

/**
 * The generic object-type numbers of seL4's api object types (include/api/types.h,
 * seL4_ObjectType) in the MCS configuration. Architecture object types follow from
 * {@link #seL4_NonArchObjectTypeCount} and are defined by the arch packages.
 */
public final class ObjectTypes {
    public static final int seL4_UntypedObject = 0;
    public static final int seL4_TCBObject = 1;
    public static final int seL4_EndpointObject = 2;
    public static final int seL4_NotificationObject = 3;
    public static final int seL4_CapTableObject = 4;
    public static final int seL4_SchedContextObject = 5;
    public static final int seL4_ReplyObject = 6;
    public static final int seL4_NonArchObjectTypeCount = 7;

    private ObjectTypes() {
    }
}
