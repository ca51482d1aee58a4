package dev.swarmnet.controlplane.daemon;

/** The advertise address cannot be chosen or is not acceptable; the message is Docker's where Docker has one. */
public final class AdvertiseAddressException extends Exception {
    private static final long serialVersionUID = 1L;

    public AdvertiseAddressException(String message) {
        super(message);
    }
}
