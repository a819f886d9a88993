package app.asynchealth.platform.persistence;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The embedded server's password, of the superuser and both roles: kept in a file only the service's user reads. */
final class DatabasePassword {

    private DatabasePassword() {
    }

    /** Random on first start, then kept, readable by the service's user only (created so, never world-readable). */
    static String loadOrGenerate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            // URL-safe base64: no quote or backslash, so it can be written into SQL as it is.
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file).strip();
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, generated);
            return generated;
        }
        restrictToOwner(file); // a copy or restore may have widened it
        String password = Files.readString(file).strip();
        if (!password.matches("[A-Za-z0-9_\\-]{16,}")) {
            throw new IllegalStateException("the embedded database password in " + file
                    + " is not one this service generated; delete the file to have a new one set");
        }
        return password;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // nothing more to restrict
        }
    }
}
