package app.asynchealth.integration.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * Where webhooks may go. Endpoints must be https URLs on the public internet: a URL that resolves to a loopback,
 * private, shared (CGNAT), link-local (cloud metadata lives there), multicast or otherwise reserved address is refused,
 * so that a tenant cannot make the service call into its own network. An explicit allow-list of hosts or address
 * ranges lifts the refusal for those destinations only. The check runs at registration and again before every
 * delivery, since DNS answers change.
 */
@ApplicationScoped
public class DestinationPolicy {

    /** Ranges no webhook may reach unless allow-listed (IANA special-purpose registries, both families). */
    private static final List<IPAddress> INTERNAL = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8")
            .stream().map(range -> new IPAddressString(range).getAddress()).toList();

    private final List<IPAddress> allowedRanges;
    private final List<String> allowedHosts;
    private final boolean allowHttp;

    DestinationPolicy(@ConfigProperty(name = "async-health.webhooks.allowed-destinations") Optional<List<String>> allowed,
            @ConfigProperty(name = "async-health.webhooks.allow-http", defaultValue = "false") boolean allowHttp) {
        List<String> entries = allowed.orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.allowedRanges = entries.stream().map(IPAddressString::new).filter(IPAddressString::isIPAddress)
                .map(IPAddressString::getAddress).toList();
        this.allowedHosts = entries.stream().filter(entry -> !new IPAddressString(entry).isIPAddress())
                .map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
        this.allowHttp = allowHttp;
    }

    /** Why a URL may not receive webhooks, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of("must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawAuthority() == null) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials; authenticate the request by its signature");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (allowedHosts.contains(host)) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        return refusal(host, addresses);
    }

    /**
     * Why a host with these addresses may not receive webhooks, or empty when it may. The sender asks this again when
     * it connects, of the very addresses it connects to, so that a name re-pointed inside the network after the check
     * (DNS rebinding) is refused too.
     */
    public Optional<String> refusal(String host, InetAddress[] addresses) {
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            IPAddress ip = new IPAddressString(address.getHostAddress()).getAddress();
            if (ip != null && ip.isIPv4Convertible() && ip.isIPv6()) {
                ip = ip.toIPv4(); // IPv4-mapped IPv6 addresses reach the IPv4 address
            }
            if (ip == null || isInternal(ip) && !isAllowed(ip)) {
                return Optional.of("resolves to an address inside a private network (" + address.getHostAddress()
                        + "); webhooks go to public endpoints only");
            }
        }
        return Optional.empty();
    }

    private static boolean isInternal(IPAddress ip) {
        return INTERNAL.stream().anyMatch(range -> range.getIPVersion() == ip.getIPVersion() && range.contains(ip));
    }

    private boolean isAllowed(IPAddress ip) {
        return allowedRanges.stream().anyMatch(range -> range.getIPVersion() == ip.getIPVersion() && range.contains(ip));
    }
}
