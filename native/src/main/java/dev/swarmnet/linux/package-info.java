/**
 * Linux system interfaces for swarmnet, bound through JNR-FFI: libc calls (open, ioctl, setns,
 * close), TAP devices and network namespaces.
 *
 * <p>Design note: this is the only module that talks to the kernel directly. Every call that can
 * fail turns errno into an exception that names the call, its argument and errno's text; nothing
 * here is on the per-packet path except the file descriptors it hands to the data plane's event
 * loops. The bindings arrive with the native I/O issue; until then the module holds no classes.
 */
package dev.swarmnet.linux;
