package dev.corkboard.media;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides which IP addresses the server may fetch from: public unicast addresses only, unless an
 * allow-list of CIDR blocks lets a private range through.
 */
public final class AddressPolicy {

  private final List<Cidr> allowList;

  public AddressPolicy(List<Cidr> allowList) {
    this.allowList = List.copyOf(allowList);
  }

  /** A policy that refuses every address that is not public. */
  public static AddressPolicy publicOnly() {
    return new AddressPolicy(List.of());
  }

  /** The blocks this policy lets through although they are not public. */
  public List<Cidr> allowList() {
    return allowList;
  }

  /**
   * Why the server may not connect to the address, for example {@code "a loopback address"}, or
   * empty if it may.
   */
  public Optional<String> refusal(InetAddress address) {
    InetAddress plain = unmapped(address);
    for (Cidr cidr : allowList) {
      if (cidr.contains(plain)) {
        return Optional.empty();
      }
    }
    return kind(plain).map(kind -> (startsWithVowel(kind) ? "an " : "a ") + kind + " address");
  }

  /** Whether the server may connect to the address. */
  public boolean permits(InetAddress address) {
    return refusal(address).isEmpty();
  }

  /** What kind of non-public address this is, or empty for a public unicast address. */
  static Optional<String> kind(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 ? kindOfIpv4(b, 0) : kindOfIpv6(b);
  }

  private static Optional<String> kindOfIpv4(byte[] bytes, int offset) {
    int a = bytes[offset] & 0xFF;
    int b = bytes[offset + 1] & 0xFF;
    int c = bytes[offset + 2] & 0xFF;
    int d = bytes[offset + 3] & 0xFF;
    String kind;
    if (a == 0) {
      kind = (b | c | d) == 0 ? "unspecified" : "reserved"; // 0/8: "this network"
    } else if (a == 127) {
      kind = "loopback";
    } else if (a == 10 || (a == 172 && (b & 0xF0) == 16) || (a == 192 && b == 168)) {
      kind = "private";
    } else if (a == 100 && (b & 0xC0) == 64) {
      kind = "carrier-grade NAT";
    } else if (a == 169 && b == 254) {
      kind = "link-local";
    } else if ((a & 0xF0) == 224) {
      kind = "multicast";
    } else if ((a & 0xF0) == 240 // 240/4 reserved, with 255.255.255.255 broadcast
        || (a == 192 && b == 0 && (c == 0 || c == 2)) // IETF protocol assignments, TEST-NET-1
        || (a == 192 && b == 88 && c == 99) // former 6to4 relay anycast
        || (a == 198 && (b & 0xFE) == 18) // benchmarking
        || (a == 198 && b == 51 && c == 100) // TEST-NET-2
        || (a == 203 && b == 0 && c == 113)) { // TEST-NET-3
      kind = "reserved";
    } else {
      return Optional.empty();
    }
    return Optional.of(kind);
  }

  private static Optional<String> kindOfIpv6(byte[] b) {
    if (isZero(b, 0, 15)) {
      return Optional.of((b[15] == 0) ? "unspecified" : b[15] == 1 ? "loopback" : "reserved");
    }
    if (isZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
      return kindOfIpv4(b, 12); // ::ffff:a.b.c.d, IPv4-mapped
    }
    if (prefix(b, 0x00, 0x64, 0xFF, 0x9B) && isZero(b, 4, 12)) {
      return kindOfIpv4(b, 12); // 64:ff9b::a.b.c.d, NAT64 to an IPv4 address
    }
    if (prefix(b, 0x20, 0x02)) {
      return kindOfIpv4(b, 2); // 2002:aabb:ccdd::/48, 6to4 carrying an IPv4 address
    }
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    if (first == 0xFF) {
      return Optional.of("multicast");
    }
    if (first == 0xFE && (second & 0xC0) == 0x80) {
      return Optional.of("link-local");
    }
    if ((first & 0xFE) == 0xFC || (first == 0xFE && (second & 0xC0) == 0xC0)) {
      return Optional.of("private"); // fc00::/7 unique local, fec0::/10 former site-local
    }
    if ((first & 0xE0) != 0x20 // outside 2000::/3, the only global unicast block
        || prefix(b, 0x20, 0x01, 0x0D, 0xB8) // documentation
        || prefix(b, 0x20, 0x01, 0x00, 0x00) // Teredo, which hides an IPv4 address
        || prefix(b, 0x20, 0x01, 0x00, 0x02, 0x00, 0x00) // benchmarking
        || (first == 0x3F && second == 0xFF && (b[2] & 0xF0) == 0)) { // 3fff::/20 documentation
      return Optional.of("reserved");
    }
    return Optional.empty();
  }

  /** The IPv4 address an IPv4-mapped IPv6 address stands for; any other address itself. */
  static InetAddress unmapped(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address
        && isZero(b, 0, 10)
        && (b[10] & 0xFF) == 0xFF
        && (b[11] & 0xFF) == 0xFF) {
      try {
        return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
      } catch (UnknownHostException e) {
        throw new AssertionError("four bytes are always an IPv4 address", e);
      }
    }
    return address;
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean prefix(byte[] b, int... expected) {
    for (int i = 0; i < expected.length; i++) {
      if ((b[i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWithVowel(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0;
  }

  /**
   * A block of IPv4 or IPv6 addresses, such as {@code 10.0.0.0/8} or {@code fd00::/8}.
   *
   * @param network the first address of the block (host bits are cleared)
   * @param prefixLength how many leading bits every address of the block shares
   */
  public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
      int bits = network.getAddress().length * 8;
      if (prefixLength < 0 || prefixLength > bits) {
        throw new IllegalArgumentException(
            "prefix length of " + network.getHostAddress() + " must be 0 to " + bits);
      }
      network = masked(network, prefixLength);
    }

    /**
     * Parses {@code address/prefix}, or a single address as a block of one; only IP literals are
     * accepted, never host names.
     *
     * @throws IllegalArgumentException naming the text if it is not a CIDR block
     */
    public static Cidr parse(String text) {
      String trimmed = text.strip();
      int slash = trimmed.indexOf('/');
      String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
      InetAddress network;
      try {
        network = InetAddress.ofLiteral(address);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "not a CIDR block (like 10.0.0.0/8 or fd00::/8): " + text, e);
      }
      int bits = network.getAddress().length * 8;
      if (slash < 0) {
        return new Cidr(network, bits);
      }
      String prefix = trimmed.substring(slash + 1);
      if (!prefix.matches("[0-9]{1,3}")) {
        throw new IllegalArgumentException(
            "not a CIDR block (like 10.0.0.0/8 or fd00::/8): " + text);
      }
      int length = Integer.parseInt(prefix);
      if (length > bits) {
        throw new IllegalArgumentException("prefix length must be 0 to " + bits + " in " + text);
      }
      return new Cidr(network, length);
    }

    /** Parses a comma-separated list such as {@code 127.0.0.1/32,fd00::/8}; blank gives none. */
    public static List<Cidr> parseList(String text) {
      List<Cidr> blocks = new ArrayList<>();
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          blocks.add(parse(part));
        }
      }
      return List.copyOf(blocks);
    }

    /** Whether the address lies in this block; an IPv4-mapped IPv6 address counts as IPv4. */
    public boolean contains(InetAddress address) {
      byte[] candidate = unmapped(address).getAddress();
      byte[] net = network.getAddress();
      if (candidate.length != net.length) {
        return false;
      }
      return Arrays.equals(masked(candidate, prefixLength), net);
    }

    @Override
    public String toString() {
      return network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
      try {
        return InetAddress.getByAddress(masked(address.getAddress(), prefixLength));
      } catch (UnknownHostException e) {
        throw new AssertionError("4 or 16 bytes are always an address", e);
      }
    }

    private static byte[] masked(byte[] bytes, int prefixLength) {
      byte[] out = bytes.clone();
      for (int i = 0; i < out.length; i++) {
        int keep = Math.clamp(prefixLength - 8L * i, 0, 8);
        out[i] = (byte) (out[i] & (0xFF00 >> keep));
      }
      return out;
    }
  }
}
