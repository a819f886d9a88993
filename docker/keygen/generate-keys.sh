#!/bin/sh
# Writes the service's keys into $KEYS_DIR (a named volume in docker/compose.yaml) on the first start, and leaves
# them alone afterwards: the slot key and the secrets key must stay stable, or respondents lose their answers and
# stored webhook secrets no longer open. Every installation gets its own keys, so none is ever committed.
#
#   signing-key.pem  RSA private key (PEM, PKCS#8) the service signs its own tokens with; the service derives the
#                    public key from it (async-health.jwt.private-key-location)
#   slot.key         32 random bytes, base64 (async-health.anonymity.slot-key-location)
#   secrets.key      32 random bytes, base64 (async-health.secrets.key-location)
#
# The files belong to $KEYS_OWNER (185, the user of docker/Dockerfile.jvm; 1001 for Dockerfile.native) and only
# that user may read them.
set -eu

dir="${KEYS_DIR:-/keys}"
owner="${KEYS_OWNER:-185}"
umask 077

# Written to a temporary name and moved, so that an interrupted run never leaves a half-written key behind.
if [ ! -s "$dir/signing-key.pem" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/signing-key.pem.new"
    mv "$dir/signing-key.pem.new" "$dir/signing-key.pem"
    echo "generated $dir/signing-key.pem"
fi
for secret in slot.key secrets.key; do
    if [ ! -s "$dir/$secret" ]; then
        openssl rand -base64 32 > "$dir/$secret.new"
        mv "$dir/$secret.new" "$dir/$secret"
        echo "generated $dir/$secret"
    fi
done

chown "$owner:0" "$dir/signing-key.pem" "$dir/slot.key" "$dir/secrets.key"
chmod 0400 "$dir/signing-key.pem" "$dir/slot.key" "$dir/secrets.key"
# The volume's root must let the service's user reach the files (read access stays with the files' owner).
chmod 0755 "$dir"
echo "keys ready in $dir"
