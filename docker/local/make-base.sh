#!/bin/sh
# Makes a base image for docker/Dockerfile.jvm (and the stand-ins of compose.local.yaml) from Debian's packages, for a
# machine that cannot pull images: Debian bookworm (debootstrap, minbase, with curl), a JDK 25 copied from this machine
# into /opt/java/openjdk and on the PATH, and the user 185 (home /home/default) owning /deployments, as in Red Hat's
# OpenJDK runtime images, and the machine's own certificate authorities. Needs root, debootstrap and podman.
#
#   docker/local/make-base.sh [IMAGE [JDK_HOME]]
#   (defaults: localhost/async-health-base:bookworm-jdk25 and /usr/lib/jvm/temurin-25-jdk-amd64)
#
# The Debian tree is kept in $ASYNC_HEALTH_BASE_CACHE (default /var/tmp/async-health-base) so that a second run
# only re-imports it. The image is made again only when it is missing or FORCE=1.
set -eu
image="${1:-localhost/async-health-base:bookworm-jdk25}"
jdk="${2:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cache="${ASYNC_HEALTH_BASE_CACHE:-/var/tmp/async-health-base}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if [ "${FORCE:-0}" != 1 ] && podman image exists "$image"; then
    echo "$image exists"
    exit 0
fi
[ -x "$jdk/bin/java" ] || { echo "no JDK at $jdk" >&2; exit 1; }
"$jdk/bin/java" -version 2>&1 | head -n 1 | grep -q '"25' || { echo "$jdk is not a JDK 25" >&2; exit 1; }

if [ ! -f "$cache/debian/.complete" ]; then
    rm -rf "$cache/debian"
    mkdir -p "$cache"
    debootstrap --variant=minbase --include=curl,ca-certificates,tzdata bookworm "$cache/debian" "$mirror"
    touch "$cache/debian/.complete"
fi

root="$cache/root"
rm -rf "$root"
cp -a "$cache/debian" "$root"
rm -f "$root/.complete"
rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*
# The machine's own certificate authorities (a proxy's, say), so that builds on this base reach what the machine
# reaches over TLS.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" /usr/sbin/update-ca-certificates >/dev/null
fi
mkdir -p "$root/opt/java"
cp -a "$jdk" "$root/opt/java/openjdk"
rm -f "$root/opt/java/openjdk/lib/src.zip"
# Debian's packaging of a JDK links its trust store to /etc/ssl/certs/java/cacerts: the file itself, not the link.
if [ -L "$jdk/lib/security/cacerts" ]; then
    rm -f "$root/opt/java/openjdk/lib/security/cacerts"
    cp -L "$jdk/lib/security/cacerts" "$root/opt/java/openjdk/lib/security/cacerts"
fi
chroot "$root" /usr/sbin/groupadd -g 185 default
chroot "$root" /usr/sbin/useradd -u 185 -g 185 -d /home/default -m -s /bin/sh default
mkdir -p "$root/deployments"
chown 185:185 "$root/deployments"

tar -C "$root" -c . | podman import \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'USER 185' \
    --change 'WORKDIR /home/default' \
    --change 'CMD ["/bin/bash"]' \
    - "$image"
rm -rf "$root"
echo "made $image"
