package app.asynchealth.integration;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.CacheMode;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.integration.ScoresFeed.ScoreRow;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.tenancy.TenantWork;
import app.asynchealth.profile.AssessmentProfiles;
import app.asynchealth.profile.ProfileRepresentations.DimensionView;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import app.asynchealth.tenant.Tenant;
import app.asynchealth.tenant.TenantRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The scores feed as one download: the same rows, filters, suppression and order, all of them, read through a
 * forward-only database cursor while the response is written. Memory does not depend on the number of rows: the
 * session is cleared as the cursor advances, the stored final profiles are read a batch at a time and not cached, and each
 * row goes straight to the response stream, which blocks while the client is slower than the database.
 */
@ApplicationScoped
public class ScoresExport {

    public static final String CSV = "text/csv";
    public static final String NDJSON = "application/x-ndjson";

    /** Assessments fetched per round trip of the cursor. */
    static final int FETCH_SIZE = 250;
    /**
     * Assessments whose stored final profiles (their figures) are read together, in one query; those without a row
     * (closed before migration V12) are computed together and stored. The session is cleared after each batch.
     */
    static final int BATCH = 100;

    public enum Format {
        CSV(ScoresExport.CSV, "scores.csv"), NDJSON(ScoresExport.NDJSON, "scores.ndjson");

        public final String mediaType;
        public final String fileName;

        Format(String mediaType, String fileName) {
            this.mediaType = mediaType;
            this.fileName = fileName;
        }
    }

    /** The validated filters of the feed and the export. */
    public record Filters(Instant updatedSince, UUID teamId, String dimension) {
    }

    private static final List<String> COLUMNS = Arrays.stream(ScoreRow.class.getRecordComponents())
            .map(component -> component.getName()).toList();

    private final TenantWork work;
    private final AssessmentRepository assessments;
    private final ExportSlots slots;
    private final EntityManager entityManager;
    private final AssessmentProfiles profiles;
    private final TenantRepository tenants;
    private final Caller caller;
    private final ObjectWriter ndjson;
    private final ObjectWriter csv;
    private final Duration timeout;

    ScoresExport(TenantWork work, AssessmentRepository assessments, ExportSlots slots, EntityManager entityManager, AssessmentProfiles profiles, TenantRepository tenants,
            Caller caller, ObjectMapper json,
            @ConfigProperty(name = "async-health.export.timeout") Duration timeout) {
        this.work = work;
        this.assessments = assessments;
        this.slots = slots;
        this.entityManager = entityManager;
        this.profiles = profiles;
        this.tenants = tenants;
        this.caller = caller;
        this.timeout = timeout;
        this.ndjson = json.writer().without(SerializationFeature.INDENT_OUTPUT)
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).withRootValueSeparator(""); // the newline alone
        // The same values as the JSON feed: ISO-8601 instants, enum names as the API spells them, empty for absent.
        CsvMapper mapper = CsvMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
        CsvSchema schema = mapper.schemaFor(ScoreRow.class).sortedBy(COLUMNS.toArray(String[]::new)).withHeader();
        this.csv = mapper.writer(schema);
    }

    /**
     * Everything that can fail with a problem detail happens here, before the response starts: the caller's tenant is
     * looked up now; the returned output only reads and writes.
     */
    @Transactional
    public StreamingOutput prepare(Filters filters, Format format) {
        Tenant tenant = caller.tenantId().flatMap(tenants::findByIdOptional)
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
        String tenantId = tenant.id;
        QuarkusTransaction.requiringNew().run(() -> assessments.assignFeedPositions(tenantId));
        ExportSlots.Slot slot = slots.take(tenantId);
        return output -> {
            try {
                // Written on the request's worker thread after the resource method returned: the work gets its own
                // request context bound to the caller's tenant, so the session's tenant and the row-level security
                // settings of the connection it acquires are the caller's, and a transaction that lasts the download.
                work.call(tenantId, timeout, () -> {
                    write(tenantId, filters, format, output);
                    return null;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause(); // the client went away: the transaction is rolled back, the connection returned
            } finally {
                slot.release();
            }
        };
    }

    private void write(String tenantId, Filters filters, Format format, OutputStream output) {
        Tenant tenant = tenants.findById(tenantId);
        Session session = entityManager.unwrap(Session.class);
        StringBuilder query = new StringBuilder("from Assessment where status = :closed and feedPosition is not null");
        if (filters.updatedSince() != null) {
            query.append(" and closedAt >= :since");
        }
        if (filters.teamId() != null) {
            query.append(" and teamId = :team");
        }
        SelectionQuery<Assessment> select = session.createSelectionQuery(query.append(" order by feedPosition").toString(),
                Assessment.class).setParameter("closed", AssessmentStatus.CLOSED);
        if (filters.updatedSince() != null) {
            select.setParameter("since", filters.updatedSince());
        }
        if (filters.teamId() != null) {
            select.setParameter("team", filters.teamId());
        }
        // A fetch size inside a transaction makes the PostgreSQL driver read through a server-side cursor, a batch at a
        // time, instead of loading the whole result.
        select.setFetchSize(FETCH_SIZE).setReadOnly(true).setCacheMode(CacheMode.IGNORE);
        try (Stream<Assessment> closed = select.getResultStream(); RowWriter rows = rowWriter(format, output)) {
            Iterator<Assessment> iterator = closed.iterator();
            List<Assessment> batch = new ArrayList<>(BATCH);
            while (iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() == BATCH || !iterator.hasNext()) {
                    write(batch, tenant, filters.dimension(), rows);
                    batch.clear();
                    session.clear(); // read-only: nothing to flush; the assessments already written are dropped
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One batch of assessments, in feed order: stored profiles read together (one query), rows written in order. */
    private void write(List<Assessment> batch, Tenant tenant, String dimension, RowWriter rows) throws IOException {
        Map<UUID, ProfileView> batchProfiles = profiles.closedFeedFigures(batch, tenant);
        for (Assessment assessment : batch) {
            ProfileView profile = batchProfiles.get(assessment.id);
            List<String> dimensions = profile.dimensions() != null
                    ? profile.dimensions().stream().map(DimensionView::key).toList()
                    : profiles.dimensionKeys(assessment);
            for (int index = 0; index < dimensions.size(); index++) {
                if (dimension == null || dimension.equals(dimensions.get(index))) {
                    rows.write(ScoresFeed.row(assessment, profile, dimensions.get(index), index));
                }
            }
        }
    }

    private interface RowWriter extends AutoCloseable {
        void write(ScoreRow row) throws IOException;

        @Override
        void close() throws IOException;
    }

    private RowWriter rowWriter(Format format, OutputStream output) throws IOException {
        if (format == Format.CSV) {
            SequenceWriter sequence = csv.writeValues(output);
            return new RowWriter() {
                @Override
                public void write(ScoreRow row) throws IOException {
                    sequence.write(row);
                }

                @Override
                public void close() throws IOException {
                    // Flushes the last rows (and writes the header of a file without rows); the response stays open.
                    sequence.close();
                }
            };
        }
        // One generator for the whole file, not a byte array per row; it leaves the response open and flushes at the end.
        JsonGenerator generator = ndjson.createGenerator(output).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return new RowWriter() {
            @Override
            public void write(ScoreRow row) throws IOException {
                ndjson.writeValue(generator, row);
                generator.writeRaw('\n');
            }

            @Override
            public void close() throws IOException {
                generator.close();
            }
        };
    }
}
