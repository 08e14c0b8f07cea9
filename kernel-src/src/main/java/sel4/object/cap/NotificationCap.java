package sel4.object.cap;

import sel4.object.notification.Notification;

/** Notification capability (cap_notification_cap) with badge and rights. */
public record NotificationCap(Notification ntfn, long badge, boolean canSend, boolean canReceive) implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_notification_cap;
    }

    @Override
    public boolean isPhysical() {
        return true;
    }
}
