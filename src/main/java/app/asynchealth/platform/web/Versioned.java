package app.asynchealth.platform.web;

import java.net.URI;

import jakarta.ws.rs.core.Response;

/** A representation together with the version its ETag is made of. */
public record Versioned<T>(T body, int version) {

    public Response ok() {
        return Response.ok(body).tag(EntityTags.of(version)).build();
    }

    public Response created(URI location) {
        return Response.created(location).entity(body).tag(EntityTags.of(version)).build();
    }
}
