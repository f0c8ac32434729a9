package cn.liangxin.web;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The refusals every operation of the API may answer, documented once rather than on each method
 * (configured as {@code mp.openapi.filter}): 400, 401 and 403 everywhere, 404 where the path names a
 * record, and every 4xx — these and those a method declares (409, 410) — with the {@link ErrorBody}.
 */
public class ErrorResponses implements OASFilter {

    static final String ERROR_BODY = "#/components/schemas/ErrorBody";

    private static final Map<String, String> EVERYWHERE = new LinkedHashMap<>();
    static {
        EVERYWHERE.put("400", "Refused input: errors[] names each field (field) and says why (message, in Chinese)");
        EVERYWHERE.put("401", "Not signed in: no valid session cookie or HTTP Basic credentials");
        EVERYWHERE.put("403", "Signed in, but this account may not do this, or not in this township or county");
    }

    private static final String NOT_FOUND = "No such record, or not within the caller's townships";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        if (api.getComponents() == null || api.getComponents().getSchemas() == null
                || !api.getComponents().getSchemas().containsKey("ErrorBody")) {
            // the scanner writes a schema for a class an annotation names: the 409s name ErrorBody
            throw new IllegalStateException("no ErrorBody schema: name ErrorBody.class in an @APIResponse");
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            boolean names = path.getKey().contains("{");
            for (Operation operation : path.getValue().getOperations().values()) {
                APIResponses responses = operation.getResponses();
                if (responses == null) {
                    responses = OASFactory.createAPIResponses();
                    operation.setResponses(responses);
                }
                for (Map.Entry<String, String> e : EVERYWHERE.entrySet()) {
                    refusal(responses, e.getKey(), e.getValue());
                }
                if (names) {
                    refusal(responses, "404", NOT_FOUND);
                }
                for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
                    if (r.getKey().startsWith("4") && r.getValue().getContent() == null) {
                        r.getValue().setContent(errorBody());
                    }
                }
            }
        }
    }

    /** Documents the refusal unless the operation describes it itself; a bare generated one gets this description. */
    private static void refusal(APIResponses responses, String code, String description) {
        APIResponse existing = responses.getAPIResponse(code);
        if (existing == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(errorBody()));
        } else if (existing.getContent() == null) {
            existing.description(description).content(errorBody());
        }
    }

    private static org.eclipse.microprofile.openapi.models.media.Content errorBody() {
        return OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_BODY)));
    }
}
