/** The refusal judge lives in the conformance runtime, shared with the endpoint fuzzer (docs/FUZZING.md "Endpoint fuzzing"). @example const problem = judgeAnswer(endpoint, body, answer); */
export { judgeAnswer, strictProblem } from '../../harness/conformance/index.js';
