package app.asynchealth.platform.web;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import app.asynchealth.platform.problem.ProblemException;

/**
 * Refuses a query parameter the operation does not declare (400, naming it), as unknown JSON properties are refused:
 * a misspelt filter ({@code ?teamID=…}) or a paging parameter sent to a single resource would otherwise be ignored
 * in silence, and the client would act on an answer to a question it did not ask. The declared names are the
 * operation's {@code @QueryParam}s, its {@code @BeanParam}s' included, so the published contract and this check come
 * from the same annotations. Runs after authentication, the role check and the rate limit (a caller over its limit
 * is refused before its request is looked at).
 */
@Provider
@Priority(Priorities.USER + 100)
public class DeclaredQueryParameters implements ContainerRequestFilter {

    private static final Map<Method, Set<String>> DECLARED = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Set<String> declared = DECLARED.computeIfAbsent(method, DeclaredQueryParameters::declaredBy);
        for (String name : new TreeSet<>(request.getUriInfo().getQueryParameters().keySet())) {
            if (!declared.contains(name)) {
                throw ProblemException.invalid(name, declared.isEmpty()
                        ? "is not a parameter of this operation; it takes none"
                        : "is not a parameter of this operation; it takes " + String.join(", ", new TreeSet<>(declared)));
            }
        }
    }

    static Set<String> declaredBy(Method method) {
        Set<String> names = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
            }
            if (parameter.isAnnotationPresent(BeanParam.class)) {
                for (Class<?> type = parameter.getType(); type != null && type != Object.class; type = type.getSuperclass()) {
                    for (Field field : type.getDeclaredFields()) {
                        QueryParam fieldQuery = field.getAnnotation(QueryParam.class);
                        if (fieldQuery != null) {
                            names.add(fieldQuery.value());
                        }
                    }
                }
            }
        }
        return Set.copyOf(names);
    }
}
