package app.asynchealth.bench.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

import app.asynchealth.support.PackagedService;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as the README runs it, with the harness's extra
 * JVM options, on a data directory and embedded-PostgreSQL port the harness keeps, so that it can be stopped and
 * started again on the same data. Reads its resident set from {@code /proc} and, on request, its live heap over JMX.
 */
final class ServiceProcess implements AutoCloseable {

    private final List<String> javaOptions;
    private final Path dataDirectory;
    private final int databasePort;
    private PackagedService service;
    private JMXConnector jmx;
    private MemoryMXBean memory;

    ServiceProcess(List<String> javaOptions, Path dataDirectory, int databasePort) {
        this.javaOptions = javaOptions;
        this.dataDirectory = dataDirectory;
        this.databasePort = databasePort;
    }

    /** Starts it and waits until {@code /q/health/ready} answers 200; the time from process start to ready. */
    Duration start(String name) {
        return start(name, Map.of());
    }

    /** As {@link #start(String)}, with settings of the service's own beside the data directory's (the tick's mail). */
    Duration start(String name, Map<String, String> settings) {
        Map<String, String> properties = new LinkedHashMap<>(settings);
        properties.put("async-health.data-dir", dataDirectory.toString());
        properties.put("async-health.embedded-db.port", String.valueOf(databasePort));
        long begin = System.nanoTime();
        service = PackagedService.start(name, javaOptions, properties, Map.of(), Duration.ofMinutes(5),
                Duration.ofMillis(20));
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    PackagedService service() {
        return service;
    }

    long pid() {
        return service.pid();
    }

    /** Stops it gracefully (its embedded PostgreSQL stops with it); the data directory stays. */
    void stop() {
        closeJmx();
        if (service != null) {
            service.close();
            service = null;
        }
    }

    /** The resident set of the service's JVM (not of its PostgreSQL), in bytes. */
    long rss() {
        return statusField("VmRSS:");
    }

    /**
     * The memory of the service's embedded PostgreSQL (postmaster and backends), as the sum of their proportional set
     * sizes ({@code Pss} in {@code /proc/<pid>/smaps_rollup}: shared memory divided among the processes sharing it, so
     * the shared buffers count once). pg_ctl detaches the postmaster, so it is found by its data directory's
     * {@code postmaster.pid}, not among the JVM's children.
     */
    long postgresPss() {
        long postmaster = postmasterPid();
        return postmaster <= 0 ? 0 : ProcessHandle.of(postmaster).map(handle -> Stream.concat(Stream.of(handle),
                handle.descendants())
                .mapToLong(process -> field(Path.of("/proc", String.valueOf(process.pid()), "smaps_rollup"), "Pss:"))
                .sum()).orElse(0L);
    }

    /** CPU time used so far (user + system), in ms: the service's JVM, its PostgreSQL, this harness, the machine. */
    record CpuTimes(double serviceMs, double postgresMs, double harnessMs, double busyMs, double allMs) {

        /** The CPU each part used per unit of work between {@code before} and this reading. */
        Map<String, Object> perUnitSince(CpuTimes before, long units) {
            Map<String, Object> map = new LinkedHashMap<>();
            double n = Math.max(1, units);
            map.put("serviceMs", Load.round((serviceMs - before.serviceMs) / n));
            map.put("postgresMs", Load.round((postgresMs - before.postgresMs) / n));
            map.put("loadDriverMs", Load.round((harnessMs - before.harnessMs) / n));
            double all = allMs - before.allMs;
            map.put("machineBusyPercent", Load.round(all <= 0 ? 0 : 100 * (busyMs - before.busyMs) / all));
            return map;
        }
    }

    /** Reads {@code /proc}: utime + stime of the processes, and the machine's busy and total time from /proc/stat. */
    CpuTimes cpu() {
        long postmaster = postmasterPid();
        double postgres = postmaster <= 0 ? 0 : ProcessHandle.of(postmaster)
                .map(handle -> Stream.concat(Stream.of(handle), handle.descendants())
                        .mapToDouble(process -> cpuMs(process.pid())).sum())
                .orElse(0.0);
        double busy = 0;
        double all = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long ticks = Long.parseLong(cpu[i]);
                all += ticks;
                if (i != 4 && i != 5) { // idle and iowait
                    busy += ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no machine figures
        }
        return new CpuTimes(cpuMs(pid()), postgres, cpuMs(ProcessHandle.current().pid()), busy * MS_PER_TICK,
                all * MS_PER_TICK);
    }

    /** USER_HZ is 100 on Linux (the unit of /proc's CPU times, independent of the kernel's tick rate). */
    private static final double MS_PER_TICK = 10.0;

    private static double cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("pgdata").resolve("postmaster.pid")).get(0)
                    .strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long statusField(String field) {
        return statusField(pid(), field);
    }

    private static long statusField(long pid, String field) {
        return field(Path.of("/proc", String.valueOf(pid), "status"), field);
    }

    /** A "Name:   123 kB" line of a /proc file, in bytes (0 when unreadable). */
    private static long field(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Samples {@link #rss()} every {@code interval} on a thread of its own until closed; keeps the peak. */
    final class RssSampler implements AutoCloseable {
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        RssSampler(Duration interval) {
            thread = new Thread(() -> {
                while (!done.get()) {
                    peak.accumulateAndGet(rss(), Math::max);
                    try {
                        Thread.sleep(interval.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            done.set(true);
            thread.join();
            peak.accumulateAndGet(rss(), Math::max);
        }
    }

    /**
     * The live heap of the service: heap in use right after a full collection (over JMX: the harness attaches to the
     * service's JVM and starts its local management agent, the first time it asks; this adds a few threads to the
     * service, so it is done after the memory figures).
     */
    long liveHeap() throws Exception {
        MemoryMXBean bean = memory();
        bean.gc();
        return bean.getHeapMemoryUsage().getUsed();
    }

    long maxHeap() throws Exception {
        return memory().getHeapMemoryUsage().getMax();
    }

    private MemoryMXBean memory() throws Exception {
        if (memory == null) {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid()));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
            MBeanServerConnection connection = jmx.getMBeanServerConnection();
            memory = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.MEMORY_MXBEAN_NAME,
                    MemoryMXBean.class);
        }
        return memory;
    }

    private void closeJmx() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException ignored) {
                // the service is stopping anyway
            }
            jmx = null;
            memory = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
