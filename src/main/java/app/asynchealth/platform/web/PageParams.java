package app.asynchealth.platform.web;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The paging parameters every list takes ({@code @BeanParam}), and the request URI its next link is built from. */
public class PageParams {

    @Parameter(description = "Page size, 1-200 (default 50)")
    @QueryParam("limit")
    public String limit;

    @Parameter(description = "The nextCursor of the previous page")
    @QueryParam("cursor")
    public String cursor;

    @Context
    public UriInfo uri;
}
