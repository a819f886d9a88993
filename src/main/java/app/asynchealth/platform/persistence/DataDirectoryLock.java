package app.asynchealth.platform.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One service per embedded data directory: an exclusive lock on a file beside it, held from before anything touches
 * the directory until the database is closed. The operating system drops it when the process dies, even by SIGKILL,
 * so a crashed service never blocks the next start; two services starting at the same moment cannot both get it.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Beside the data directory, not in it: {@code initdb} wants an empty directory on first start.
     *
     * @throws IllegalStateException naming the directory when another service (or this JVM) holds it
     */
    static DataDirectoryLock acquire(Path dataDirectory) {
        Path file = lockFile(dataDirectory);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataDirectoryLock(channel, lock);
            }
        } catch (OverlappingFileLockException heldInThisJvm) {
            // refused below, as for another process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the embedded PostgreSQL's data directory " + dataDirectory, e);
        }
        closeQuietly(channel);
        throw new IllegalStateException("the embedded PostgreSQL's data directory " + dataDirectory
                + " is in use by a service that is still running (it holds " + file + "); stop it first, or give this "
                + "one another async-health.data-dir");
    }

    static Path lockFile(Path dataDirectory) {
        Path absolute = dataDirectory.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held any more
        }
    }
}
