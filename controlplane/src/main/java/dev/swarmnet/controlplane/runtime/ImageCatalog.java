package dev.swarmnet.controlplane.runtime;

import dev.swarmnet.controlplane.images.Echo;
import dev.swarmnet.controlplane.images.Whoami;
import dev.swarmnet.controlplane.model.ContainerSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a task's image and command into the argv the runtime executes. swarmnet has no images:
 * a service's command runs as given, an image is a name for a command ({@code images:} in the
 * config file), and two images are built in: {@code swarmnet/whoami} and {@code swarmnet/echo},
 * small JVMs running {@link Whoami} and {@link Echo} from swarmnet's own class path.
 *
 * <p>A tag or digest is ignored ({@code swarmnet/whoami:latest} is {@code swarmnet/whoami}), and
 * so is a {@code docker.io/} or {@code docker.io/library/} prefix. Immutable and thread-safe.
 */
public final class ImageCatalog {
    public static final String WHOAMI = "swarmnet/whoami";
    public static final String ECHO = "swarmnet/echo";

    /** JVM flags for built-in images: small, fast to start, cheap to keep twenty of. */
    public static final List<String> SMALL_JVM_FLAGS = List.of("-Xmx24m", "-Xss256k", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-XX:CICompilerCount=1", "-Xshare:auto");

    private final Map<String, List<String>> mappings;

    private ImageCatalog(Map<String, List<String>> mappings) {
        this.mappings = mappings;
    }

    /**
     * A catalog with the built-ins and {@code configured} mappings (image → argv), which win over
     * built-ins of the same name.
     *
     * @throws IllegalArgumentException naming the image whose argv is empty
     */
    public static ImageCatalog of(Map<String, List<String>> configured) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        all.put(WHOAMI, javaMain(java, classPath, Whoami.class));
        all.put(ECHO, javaMain(java, classPath, Echo.class));
        configured.forEach((image, argv) -> {
            if (argv == null || argv.isEmpty() || argv.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("images: " + image + ": the command is empty; give the program "
                    + "and its arguments as a list, e.g. [\"/usr/sbin/nginx\", \"-g\", \"daemon off;\"]");
            }
            all.put(normalise(image), List.copyOf(argv));
        });
        return new ImageCatalog(Map.copyOf(all));
    }

    /** Only the built-ins. */
    public static ImageCatalog builtIn() {
        return of(Map.of());
    }

    /**
     * The argv for {@code spec}: its command and args when it has a command; otherwise the image's
     * mapping followed by its args.
     *
     * @throws UnknownImageException when the image has no mapping and the spec no command
     */
    public List<String> argv(ContainerSpec spec) {
        List<String> argv = new ArrayList<>();
        if (!spec.command().isEmpty()) {
            argv.addAll(spec.command());
        } else {
            List<String> mapped = mappings.get(normalise(spec.image()));
            if (mapped == null) {
                throw new UnknownImageException("image '" + spec.image() + "' has no command: give one after the "
                    + "image (service create " + spec.image() + " CMD...) or map it under images: in "
                    + "/etc/swarmnet/swarmnet.yaml");
            }
            argv.addAll(mapped);
        }
        argv.addAll(spec.args());
        return List.copyOf(argv);
    }

    /** Whether {@code image} has a mapping (built-in or configured). */
    public boolean knows(String image) {
        return mappings.containsKey(normalise(image));
    }

    /** The image name without tag, digest or Docker Hub prefix. */
    static String normalise(String image) {
        String name = image.strip();
        int digest = name.indexOf('@');
        if (digest >= 0) {
            name = name.substring(0, digest);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        if (name.startsWith("docker.io/library/")) {
            name = name.substring("docker.io/library/".length());
        } else if (name.startsWith("docker.io/")) {
            name = name.substring("docker.io/".length());
        }
        return name;
    }

    private static List<String> javaMain(String java, String classPath, Class<?> main) {
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(SMALL_JVM_FLAGS);
        argv.add("-cp");
        argv.add(classPath);
        argv.add(main.getName());
        return List.copyOf(argv);
    }

    /** An image that maps to no command while the task gives none. */
    public static final class UnknownImageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UnknownImageException(String message) {
            super(message);
        }
    }
}
