"""The user's route mapping (git failguard plan --routes FILE): the method and path of the handlers whose route the code does not say as literals.

The file is JSON:

  {"routes": [{"handler": "SessionHandler", "path": "/api/session", "methods": ["GET"]}]}

`handler` is a boundary's qualified function name (`Ns::Handler::handleRequest`)
or a class, which stands for every boundary that is one of its member
functions; `methods` may be left out (any method). A mapped boundary's routes
without a path are replaced by the mapping's; its literal routes are kept."""
import json
import json.decoder
import json.scanner
import re

from .plan import PlanError, read_json

HTTP_METHODS = ('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH')
NAME = re.compile(r'^(::)?[A-Za-z_~][A-Za-z0-9_]*(::[A-Za-z_~][A-Za-z0-9_]*)*$')


def _lines_of_objects(text):
    """The JSON document of `text`, and {id(object): the line it starts on}."""
    lines = {}
    decoder = json.JSONDecoder()

    def parse_object(s_and_end, *rest):
        s, end = s_and_end
        value, after = json.decoder.JSONObject(s_and_end, *rest)
        lines[id(value)] = s.count('\n', 0, end) + 1
        return value, after

    decoder.parse_object = parse_object
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    return decoder.decode(text), lines


def read_routes(path):
    """[{'handler', 'methods', 'path', 'at'}] of a routes file; PlanError (one
    line) when it is not one."""
    read_json(path, 'routes file')  # readable, bounded, JSON
    with open(path, encoding='utf-8') as f:
        data, lines = _lines_of_objects(f.read())
    if not isinstance(data, dict) or not isinstance(data.get('routes'), list):
        raise PlanError("routes file '%s': not {\"routes\": [...]}" % path)
    routes = []
    for entry in data['routes']:
        line = lines.get(id(entry), 1)
        where = "routes file '%s':%d" % (path, line)
        if not isinstance(entry, dict) or set(entry) - {'handler', 'path', 'methods'}:
            raise PlanError('%s: a route is {"handler", "path", "methods"}' % where)
        handler, route_path = entry.get('handler'), entry.get('path')
        methods = entry.get('methods', [])
        if not isinstance(handler, str) or not NAME.match(handler):
            raise PlanError('%s: "handler" is not a qualified name' % where)
        if not isinstance(route_path, str) or not route_path.startswith('/'):
            raise PlanError('%s: "path" is not a path starting with /' % where)
        if not isinstance(methods, list) or not all(
                isinstance(m, str) and m.upper() in HTTP_METHODS for m in methods):
            raise PlanError('%s: "methods" is not a list of HTTP methods' % where)
        routes.append({'handler': handler.lstrip(':'), 'path': route_path,
                       'methods': [m.upper() for m in methods],
                       'at': {'file': path, 'line': line}})
    return routes


def _qualified(boundary):
    return boundary['name'].strip("'")


def _matches(handler, boundary):
    name = _qualified(boundary)
    if name == handler:
        return True
    # A class: its member functions.
    return name.startswith(handler + '::') and '::' not in name[len(handler) + 2:]


def apply(document, routes):
    """Adds the mapped routes to the plan's boundaries; the warnings (one line
    each) for mappings naming no boundary of the plan."""
    warnings = []
    mapped = set()
    for route in routes:
        boundaries = [b for b in document['boundaries'] if _matches(route['handler'], b)]
        if not boundaries:
            warnings.append("routes file %s:%d: no request boundary '%s' in the plan" % (
                route['at']['file'], route['at']['line'], route['handler']))
        for boundary in boundaries:
            if id(boundary) not in mapped:
                boundary['routes'] = [r for r in boundary['routes'] if r.get('path')]
                mapped.add(id(boundary))
            boundary['routes'].append({'via': 'routes file', 'path': route['path'],
                                       'methods': list(route['methods']), 'at': dict(route['at'])})
    return warnings
