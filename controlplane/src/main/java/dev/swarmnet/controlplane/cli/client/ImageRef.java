package dev.swarmnet.controlplane.cli.client;

import java.util.regex.Pattern;

/**
 * How Docker's tables show an image reference: a tagged reference pinned to a digest
 * ({@code nginx:alpine@sha256:...}) loses the digest; anything else (no tag, or a digest that is
 * not a valid one) is shown as written. Pure.
 */
final class ImageRef {

    private static final Pattern PINNED = Pattern.compile("^(.+):([\\w][\\w.-]{0,127})@sha256:[0-9a-f]{64}$");

    private ImageRef() {
    }

    static String display(String image) {
        var m = PINNED.matcher(image);
        if (m.matches() && !m.group(2).contains("/")) {
            return m.group(1) + ":" + m.group(2);
        }
        return image;
    }
}
