import { describe, expect, it } from "vitest";
import { applyResponseMap, parsePath, parseResponseMap } from "@/lib/runtime/tools/response-map";
import { checkUrlTemplate, renderUrlTemplate, urlTemplateVariables } from "@/lib/runtime/tools/url-template";
import { validateHttpToolConfig } from "@/lib/runtime/tools/http-tool-config";

const body = {
  data: { order: { number: "A1001", status: "shipped", "x-id": 7 } },
  items: [{ status: "packed" }, { status: "sent" }],
};

describe("responseMap", () => {
  it("parses paths with dots, indexes and quoted keys", () => {
    expect(parsePath("data.order")).toEqual(["data", "order"]);
    expect(parsePath("items[0].status")).toEqual(["items", 0, "status"]);
    expect(parsePath("$.items.1.status")).toEqual(["items", 1, "status"]);
    expect(parsePath('data.order["x-id"]')).toEqual(["data", "order", "x-id"]);
    expect(parsePath("$")).toEqual([]);
  });

  it("maps the whole response, one path, or named fields", () => {
    const whole = parseResponseMap("");
    expect(whole.ok && applyResponseMap(whole.map, body).value).toEqual(body);
    const one = parseResponseMap("items[1].status");
    expect(one.ok && applyResponseMap(one.map, body)).toEqual({ value: "sent", missing: [] });
    const fields = parseResponseMap(
      "# what the agent needs\nnumber: data.order.number\nfirst: items[0].status\n\neta: data.order.eta",
    );
    expect(fields.ok && applyResponseMap(fields.map, body)).toEqual({
      value: { number: "A1001", first: "packed", eta: null },
      missing: ["data.order.eta"],
    });
  });

  it("reports a missing single path as null", () => {
    const one = parseResponseMap("data.customer.name");
    expect(one.ok && applyResponseMap(one.map, body)).toEqual({ value: null, missing: ["data.customer.name"] });
    const proto = parseResponseMap("data.constructor");
    expect(proto.ok && applyResponseMap(proto.map, body).value).toBeNull();
  });

  it.each(["data..order", "items[x]", "items[0", "a b", "status: data.order\nnot a mapping", "a: x\na: y"])(
    "rejects %j",
    (text) => {
      expect(parseResponseMap(text).ok).toBe(false);
    },
  );
});

describe("URL templates", () => {
  it("lists variables and encodes every value", () => {
    const template = "https://api.example.com/orders/{{orderNumber}}?q={{ state.query }}&n={{n}}";
    expect(urlTemplateVariables(template)).toEqual(["orderNumber", "state.query", "n"]);
    expect(renderUrlTemplate(template, { orderNumber: "A1/../admin?x#y", state: { query: "a&b=c" }, n: 3 })).toEqual({
      url: "https://api.example.com/orders/A1%2F..%2Fadmin%3Fx%23y?q=a%26b%3Dc&n=3",
      missing: [],
      invalid: [],
    });
  });

  it("reports missing and non-scalar values", () => {
    const result = renderUrlTemplate("https://x.example/{{a}}/{{b}}/{{c}}", { a: null, b: { nested: 1 }, c: 0 });
    expect(result.missing).toEqual(["a"]);
    expect(result.invalid).toEqual(["b"]);
    expect(result.url).toBe("https://x.example///0");
  });

  it("only allows placeholders after the host", () => {
    expect(checkUrlTemplate("https://api.example.com/orders/{{id}}")).toEqual([]);
    expect(checkUrlTemplate("https://api.example.com?id={{id}}")).toEqual([]);
    expect(checkUrlTemplate("https://{{host}}/orders")).toHaveLength(1);
    expect(checkUrlTemplate("https://api.example.com{{path}}")).toHaveLength(1);
    expect(checkUrlTemplate("https://api.example.com:{{port}}/")).toContain(
      "Placeholders may only appear after the host, e.g. https://api.example.com/orders/{{orderNumber}}.",
    );
    expect(checkUrlTemplate("ftp://example.com/")).toHaveLength(1);
    expect(checkUrlTemplate("https://u:p@example.com/")).toHaveLength(1);
    expect(checkUrlTemplate("")).toEqual(["Enter the URL."]);
    expect(checkUrlTemplate("example.com/x")[0]).toMatch(/not valid/);
  });

  it("validates a whole HTTP tool config", () => {
    const ok = {
      method: "GET",
      url: "https://api.example.com/o/{{id}}",
      headers: [{ name: "Authorization", value: "Bearer {{secret}}", secret: "api_token" }],
      timeoutMs: 5000,
      responseMap: "data",
    };
    expect(validateHttpToolConfig(ok)).toEqual([]);
    const bad = {
      ...ok,
      url: "https://{{h}}/",
      headers: [
        { name: "Bad Name", value: "", secret: "" },
        { name: "Host", value: "x", secret: "" },
        { name: "X-A", value: "a", secret: "" },
        { name: "x-a", value: "b", secret: "" },
        { name: "X-B", value: "a\r\nX-Evil: 1", secret: "" },
      ],
      responseMap: "a..b",
    };
    expect(validateHttpToolConfig(bad).map((i) => i.field)).toEqual([
      "url",
      "headers.0.name",
      "headers.1.name",
      "headers.3.name",
      "headers.4.value",
      "responseMap",
    ]);
  });
});
