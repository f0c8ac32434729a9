package cn.liangxin.testsupport;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Builds test data through the real API, and empties the registry between tests. */
public final class Registry {

    public static final String LUOXIONG = "530324001";
    public static final String JIULONG = "530324003";
    public static final String BANQIAO = "530324102";

    private Registry() {
    }

    /** Runs one SQL statement on its own connection (a test's direct change to the database). */
    public static void sql(javax.sql.DataSource ds, String statement) {
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.execute(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes every organization and party organization. */
    public static void clear(javax.sql.DataSource ds) {
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.execute("truncate party_organization_coverage, party_organization, organization cascade");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of the registry and the accounts as text, in a stable order: equal dumps, equal data. */
    public static String dump(javax.sql.DataSource ds) {
        StringBuilder s = new StringBuilder();
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            for (String q : java.util.List.of("select o::text from organization o order by id",
                    "select p::text from party_organization p order by id",
                    "select c::text from party_organization_coverage c order by party_organization_id, organization_id",
                    "select a::text from probationary_admission a order by organization_id, seq",
                    "select u::text from app_user u order by id")) {
                try (var r = st.executeQuery(q)) {
                    while (r.next()) {
                        s.append(r.getString(1)).append('\n');
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return s.toString();
    }

    /** A valid organization body; override fields with key/value pairs. */
    public static Map<String, Object> org(String name, String township, int headcount, int members, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "ENTERPRISE");
        body.put("townshipCode", township);
        body.put("status", "OPERATING");
        body.put("headcount", headcount);
        body.put("formalMembers", members);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    /** Registers an organization and answers its id. */
    public static long create(Map<String, Object> body) {
        Response r = given().basePath("").contentType(ContentType.JSON).body(body).post("/api/organizations");
        if (r.statusCode() != 201) {
            throw new AssertionError("create failed: " + r.statusCode() + " " + r.asString());
        }
        return r.jsonPath().getLong("id");
    }

    public static long createOrg(String name, String township, int headcount, int members, Object... more) {
        return create(org(name, township, headcount, members, more));
    }

    /** A party organization body covering the given organizations. */
    public static Map<String, Object> party(String name, String township, String level, String formation, List<Long> covered) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("townshipCode", township);
        body.put("level", level);
        body.put("formation", formation);
        body.put("foundedOn", "2020-07-01");
        body.put("secretary", "李明");
        body.put("coveredOrganizationIds", covered);
        return body;
    }

    public static long createParty(String name, String township, String level, String formation, List<Long> covered) {
        Response r = given().basePath("").contentType(ContentType.JSON).body(party(name, township, level, formation, covered))
                .post("/api/party-organizations");
        if (r.statusCode() != 201) {
            throw new AssertionError("create party failed: " + r.statusCode() + " " + r.asString());
        }
        return r.jsonPath().getLong("id");
    }
}
