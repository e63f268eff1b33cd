package dev.corkboard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

  private final AddressPolicy publicOnly = AddressPolicy.publicOnly();

  @Test
  void refusesLoopback() {
    assertThat(publicOnly.refusal(ip("127.0.0.1"))).contains("a loopback address");
    assertThat(publicOnly.refusal(ip("127.45.6.7"))).contains("a loopback address");
    assertThat(publicOnly.refusal(ip("::1"))).contains("a loopback address");
  }

  @Test
  void refusesPrivateRanges() {
    for (String address :
        List.of("10.0.0.1", "172.16.0.1", "172.31.255.254", "192.168.1.1", "fc00::1", "fd12::1")) {
      assertThat(publicOnly.refusal(ip(address))).as(address).contains("a private address");
    }
  }

  @Test
  void allowsTheNeighboursOfPrivateRanges() {
    for (String address : List.of("11.0.0.1", "172.15.255.255", "172.32.0.1", "192.169.0.1")) {
      assertThat(publicOnly.permits(ip(address))).as(address).isTrue();
    }
  }

  @Test
  void refusesLinkLocal() {
    assertThat(publicOnly.refusal(ip("169.254.169.254"))).contains("a link-local address");
    assertThat(publicOnly.refusal(ip("fe80::1"))).contains("a link-local address");
  }

  @Test
  void refusesMulticast() {
    assertThat(publicOnly.refusal(ip("224.0.0.1"))).contains("a multicast address");
    assertThat(publicOnly.refusal(ip("239.255.255.250"))).contains("a multicast address");
    assertThat(publicOnly.refusal(ip("ff02::1"))).contains("a multicast address");
  }

  @Test
  void refusesUnspecified() {
    assertThat(publicOnly.refusal(ip("0.0.0.0"))).contains("an unspecified address");
    assertThat(publicOnly.refusal(ip("::"))).contains("an unspecified address");
  }

  @Test
  void refusesCarrierGradeNat() {
    assertThat(publicOnly.refusal(ip("100.64.0.1"))).contains("a carrier-grade NAT address");
    assertThat(publicOnly.refusal(ip("100.127.255.254"))).contains("a carrier-grade NAT address");
    assertThat(publicOnly.permits(ip("100.128.0.1"))).isTrue();
  }

  @Test
  void refusesReservedAndDocumentationRanges() {
    for (String address :
        List.of(
            "0.1.2.3",
            "192.0.2.1",
            "198.18.0.1",
            "203.0.113.9",
            "240.0.0.1",
            "255.255.255.255",
            "2001:db8::1",
            "2001::1",
            "100::1")) {
      assertThat(publicOnly.refusal(ip(address))).as(address).contains("a reserved address");
    }
  }

  @Test
  void refusesIpv4MappedIpv6FormsOfRefusedAddresses() throws Exception {
    // The JDK turns a mapped literal into an Inet4Address; built from bytes it stays IPv6.
    assertThat(publicOnly.refusal(ip("::ffff:10.0.0.1"))).contains("a private address");
    assertThat(publicOnly.refusal(mapped(127, 0, 0, 1))).contains("a loopback address");
    assertThat(publicOnly.refusal(mapped(10, 0, 0, 1))).contains("a private address");
    assertThat(publicOnly.refusal(mapped(169, 254, 169, 254))).contains("a link-local address");
    assertThat(publicOnly.refusal(mapped(0, 0, 0, 0))).contains("an unspecified address");
    assertThat(publicOnly.permits(mapped(8, 8, 8, 8))).isTrue();
  }

  @Test
  void refusesIpv4AddressesTunnelledInIpv6() {
    assertThat(publicOnly.refusal(ip("64:ff9b::a00:1"))).contains("a private address"); // NAT64
    assertThat(publicOnly.refusal(ip("2002:7f00:1::1"))).contains("a loopback address"); // 6to4
    assertThat(publicOnly.permits(ip("64:ff9b::808:808"))).isTrue();
  }

  @Test
  void allowsPublicAddresses() {
    assertThat(publicOnly.refusal(ip("8.8.8.8"))).isEmpty();
    assertThat(publicOnly.refusal(ip("2606:4700::1111"))).isEmpty();
    assertThat(publicOnly.permits(ip("1.1.1.1"))).isTrue();
  }

  @Test
  void allowListLetsARefusedRangeThrough() {
    AddressPolicy policy =
        new AddressPolicy(AddressPolicy.Cidr.parseList("127.0.0.1/32, 10.1.0.0/16,fd00::/8"));

    assertThat(policy.permits(ip("127.0.0.1"))).isTrue();
    assertThat(policy.permits(ip("127.0.0.2"))).isFalse();
    assertThat(policy.permits(ip("10.1.200.3"))).isTrue();
    assertThat(policy.permits(ip("10.2.0.1"))).isFalse();
    assertThat(policy.permits(ip("fd00::5"))).isTrue();
    assertThat(policy.permits(ip("fc00::5"))).isFalse();
    assertThat(policy.permits(ip("::1"))).isFalse();
  }

  @Test
  void allowListMatchesIpv4MappedForms() throws Exception {
    AddressPolicy policy = new AddressPolicy(List.of(AddressPolicy.Cidr.parse("127.0.0.0/8")));

    assertThat(policy.permits(mapped(127, 0, 0, 9))).isTrue();
  }

  @Test
  void cidrClearsHostBitsAndPrintsItself() {
    assertThat(AddressPolicy.Cidr.parse("10.9.8.7/8")).hasToString("10.0.0.0/8");
    assertThat(AddressPolicy.Cidr.parse("172.16.5.4/12")).hasToString("172.16.0.0/12");
    assertThat(AddressPolicy.Cidr.parse("fe80::1/10")).hasToString("fe80:0:0:0:0:0:0:0/10");
    assertThat(AddressPolicy.Cidr.parse("192.168.0.1")).hasToString("192.168.0.1/32");
    assertThat(AddressPolicy.Cidr.parseList(" ")).isEmpty();
  }

  @Test
  void cidrPrefixesWorkInsideAByte() {
    AddressPolicy.Cidr block = AddressPolicy.Cidr.parse("192.168.4.0/22");

    assertThat(block.contains(ip("192.168.7.255"))).isTrue();
    assertThat(block.contains(ip("192.168.8.0"))).isFalse();
    assertThat(block.contains(ip("192.168.3.255"))).isFalse();
    assertThat(block.contains(ip("::ffff:192.168.5.1"))).isTrue();
    assertThat(AddressPolicy.Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
    assertThat(AddressPolicy.Cidr.parse("0.0.0.0/0").contains(ip("2606:4700::1111"))).isFalse();
  }

  @Test
  void cidrRefusesHostNamesAndBadPrefixes() {
    for (String text :
        List.of("localhost/32", "example.com", "10.0.0.0/33", "::/129", "1.2.3.4/x")) {
      assertThatThrownBy(() -> AddressPolicy.Cidr.parse(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(text);
    }
  }

  private static InetAddress ip(String literal) {
    return InetAddress.ofLiteral(literal);
  }

  private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xFF;
    bytes[11] = (byte) 0xFF;
    bytes[12] = (byte) a;
    bytes[13] = (byte) b;
    bytes[14] = (byte) c;
    bytes[15] = (byte) d;
    InetAddress address = Inet6Address.getByAddress(null, bytes, -1);
    assertThat(address).isInstanceOf(Inet6Address.class);
    return address;
  }
}
