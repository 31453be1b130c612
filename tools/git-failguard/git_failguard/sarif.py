"""SARIF 2.1.0 for code scanning."""
import os
import re
import urllib.parse

from .checks import RULES
from .fingerprints import assign_fingerprints
from .fs import relative
from .results import problem_level
from .sources import Sources, region
from .tools import DOCS_URL, VERSION


# Rule metadata for code scanning: a readable name, tags (GitHub shows
# 'security' results with their security-severity), precision and CWE.
RULE_METADATA = {
    'failguard-auth-exception-escape': ('AuthExceptionEscape', 'medium', '7.5', 248),
    'failguard-removed-exception-handler': ('RemovedExceptionHandler', 'high', '7.5', 755),
    'failguard-narrowed-optional-return': ('NarrowedOptionalReturn', 'high', '5.0', 754),
}


def sarif_text(text):
    """Text for JSON that every parser reads alike: a byte that was not UTF-8
    (kept as a surrogate escape) becomes U+FFFD."""
    return text.encode('utf-8', 'surrogateescape').decode('utf-8', 'replace')


def markdown_escape(text):
    """Plain text inside a SARIF message that holds links: '\\', '[' and ']'
    are escaped, so only the links are links."""
    return re.sub(r'([\\\[\]])', r'\\\1', sarif_text(text))


def file_uri(path):
    """A URI reference for a path's bytes: everything but unreserved characters
    and '/' percent-encoded (a space, '%', ',', ':', '#', non-ASCII, bytes
    that are not UTF-8)."""
    return urllib.parse.quote(os.fsencode(path), safe='/')


def artifact_location(path, root):
    inside = relative(path, root)
    if inside == '..' or inside.startswith('../') or os.path.isabs(inside):
        return {'uri': 'file://' + file_uri(path)}
    return {'uri': file_uri(inside), 'uriBaseId': 'SRCROOT'}


def rule_descriptor(check):
    page = DOCS_URL + '/' + check[len('failguard-'):] + '.md'
    description = RULES.get(check, check)
    name, precision, severity, cwe = RULE_METADATA.get(
        check, (check.title().replace('-', ''), 'medium', '5.0', None))
    tags = ['security', 'correctness'] + (['external/cwe/cwe-%d' % cwe] if cwe else [])
    return {
        'id': check, 'name': name,
        'shortDescription': {'text': description},
        'fullDescription': {'text': description},
        'help': {'text': description + ' See ' + page,
                 'markdown': '%s\n\nSee [%s](%s).' % (description, check, page)},
        'helpUri': page,
        'defaultConfiguration': {'level': 'warning'},
        'properties': {'tags': tags, 'precision': precision, 'security-severity': severity},
    }


def to_sarif(findings, problems, root, shown, contents=None):
    """SARIF 2.1.0 for code scanning. A place at the baseline that a note
    names (the note's `baseline`: commit, file, line) is a location relative
    to the BASELINE uriBaseId, which versionControlProvenance maps to that
    commit.
    `contents` ({path: content}) holds the files whose analysed content is a
    git blob, not the working tree's file (--staged, a range)."""
    sources = Sources(contents)
    rules = sorted({f['check'] for f in findings} | set(RULES))
    fingerprints = assign_fingerprints(findings, root)
    results, baseline_ids = [], set()
    for f, assigned in zip(findings, fingerprints):
        related, links = [], []
        for note in f['notes']:
            where = dict(artifact_location(note['file'], root))
            related.append({'id': len(related) + 1, 'message': {'text': sarif_text(note['message'])},
                            'physicalLocation': {'artifactLocation': where, 'region': region(
                                sources, note['file'], note['line'], note['col'])}})
            link = '[%s](%d)' % (markdown_escape(note['message']), len(related))
            at = note.get('baseline')
            if at:
                # A file and line in the baseline commit, not in the working tree.
                baseline_ids.add(at['commit'])
                related.append({'id': len(related) + 1, 'message': {
                    'text': sarif_text('%s:%d at the baseline (%s)' % (
                        at['file'], at['line'], at['commit']))},
                    'physicalLocation': {'artifactLocation': {
                        'uri': file_uri(at['file']), 'uriBaseId': 'BASELINE'},
                        'region': {'startLine': at['line']}}})
                link += ' ([in the baseline](%d))' % len(related)
            links.append(link)
        location = {'artifactLocation': artifact_location(f['file'], root),
                    'region': region(sources, f['file'], f['line'], f['col'])}
        partial = {'failguard/v2': assigned}
        line_hash = sources.line_hash(f['file'], f['line'])
        if line_hash:
            partial['primaryLocationLineHash'] = line_hash
        message = {'text': sarif_text(f['message'])}
        if links:
            message = {'text': markdown_escape(f['message']) + ''.join('\n' + l for l in links)}
        result = {
            'ruleId': f['check'], 'ruleIndex': rules.index(f['check']), 'level': 'warning',
            'message': message, 'locations': [{'physicalLocation': location}],
            'partialFingerprints': partial,
        }
        if related:
            result['relatedLocations'] = related
        results.append(result)
    notifications = []
    for problem in problems:
        notification = {'level': problem_level(problem),
                        'message': {'text': sarif_text(problem['reason'])},
                        'descriptor': {'id': problem['kind']}}
        if problem['file']:
            notification['locations'] = [{'physicalLocation': {
                'artifactLocation': artifact_location(problem['file'], root)}}]
        notifications.append(notification)
    invocation = {'executionSuccessful': not any(problem_level(p) == 'error' for p in problems)}
    if notifications:
        invocation['toolExecutionNotifications'] = notifications
    srcroot = 'file://' + file_uri(shown.rstrip('/') + '/')
    run = {
        'tool': {'driver': {
            'name': 'failguard', 'version': VERSION, 'semanticVersion': VERSION,
            'informationUri': DOCS_URL + '/', 'rules': [rule_descriptor(r) for r in rules]}},
        'invocations': [invocation],
        'originalUriBaseIds': {'SRCROOT': {'uri': srcroot}},
        'columnKind': 'utf16CodeUnits',
        'results': results,
    }
    if baseline_ids:
        run['originalUriBaseIds']['BASELINE'] = {'description': {
            'text': 'The root of the repository at the baseline commit the checks compared with.'}}
        # The working tree is the repository too (at no one revision: it may
        # hold uncommitted changes), and the baseline is a commit of it.
        run['versionControlProvenance'] = [
            {'repositoryUri': srcroot, 'mappedTo': {'uriBaseId': 'SRCROOT'}}] + [
            {'repositoryUri': srcroot, 'revisionId': commit, 'mappedTo': {'uriBaseId': 'BASELINE'}}
            for commit in sorted(baseline_ids)]
    return {'$schema': 'https://json.schemastore.org/sarif-2.1.0.json', 'version': '2.1.0',
            'runs': [run]}
