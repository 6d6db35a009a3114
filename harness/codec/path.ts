/**
 * Field paths such as `DSRequest.request_body.add_users_request.welcome_messages[2]`.
 * A path is kept as a list of segments while decoding and joined only when
 * an error is raised.
 */

/** A field name, or an index written as `[n]`. */
export type PathSegment = string;

/**
 * Joins segments: names with `.`, indices attached directly.
 *
 * @example
 * formatPath(['DSRequest', 'request_body', '[2]']) // 'DSRequest.request_body[2]'
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (segment.startsWith('[') || out === '') out += segment;
    else out += `.${segment}`;
  }
  return out;
}

/**
 * Appends one segment to a joined path.
 *
 * @example
 * childPath('DSRequest', 'version') // 'DSRequest.version'
 */
export function childPath(parent: string, segment: PathSegment): string {
  return formatPath(parent === '' ? [segment] : [parent, segment]);
}
