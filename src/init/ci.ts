/**
 * The CI files `init` writes: a GitHub Actions workflow and a GitLab CI file that validate every
 * push and, on a pull (merge) request, also refuse a change that rewrites the record
 * (`validate --base`) and post what the change does to the figures (`diff --format md`) as one
 * comment, updated on each push. Pure text.
 */

/** The first line of the comment `diff --format md` writes (document/diff.ts): the workflow finds its comment by it. */
const MARK = '<!-- neaspec-track diff -->';

export const GITHUB_WORKFLOW_PATH = '.github/workflows/neaspec-track.yml';

export const GITHUB_WORKFLOW = `# neaspec-track: validates the framework on every push, with errors as annotations on the lines.
# On a pull request it also refuses a change that rewrites the record (a ledger entry edited,
# removed or moved; an ended year's target or planned amount changed in place), and posts what the
# change does to the figures as one comment, updated on every push.
name: neaspec-track
on: [push, pull_request]
permissions:
  contents: read
  pull-requests: write
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the base branch's history, which --base and diff read
      - uses: actions/setup-node@v4
        with: {node-version: 20}
      - run: npm install
      - name: validate
        if: github.event_name != 'pull_request'
        run: npx neaspec-track validate --format github --strict .
      - name: validate, keeping the record of the base branch
        if: github.event_name == 'pull_request'
        run: npx neaspec-track validate --format github --strict --base "origin/$BASE" .
        env: {BASE: "\${{ github.base_ref }}"}
      - name: what the change does to the figures
        if: always() && github.event_name == 'pull_request'
        run: npx neaspec-track --framework . diff "origin/$BASE" --format md --out neaspec-track-diff.md
        env: {BASE: "\${{ github.base_ref }}"}
      - name: comment on the pull request
        if: always() && github.event_name == 'pull_request' && hashFiles('neaspec-track-diff.md') != ''
        continue-on-error: true  # a pull request from a fork gets a token that cannot comment
        uses: actions/github-script@v7
        with:
          script: |
            const body = require('fs').readFileSync('neaspec-track-diff.md', 'utf8');
            const { owner, repo } = context.repo;
            const issue_number = context.issue.number;
            const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number });
            const mine = comments.find((c) => c.user.type === 'Bot' && c.body.startsWith('${MARK}'));
            if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
            else await github.rest.issues.createComment({ owner, repo, issue_number, body });
`;

export const GITLAB_CI_PATH = '.gitlab-ci.yml';

export const GITLAB_CI = `# neaspec-track: validates the framework on every push. In a merge request it also refuses a change
# that rewrites the record (a ledger entry edited, removed or moved; an ended year's target or
# planned amount changed in place), and posts what the change does to the figures as a note, when
# the CI/CD variable NEASPEC_TRACK_TOKEN holds a project access token with the \`api\` scope.
neaspec-track:
  image: node:20
  variables:
    GIT_DEPTH: 0  # the target branch's history, which --base and diff read
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS == null
  script:
    - npm install
    - |
      if [ "$CI_PIPELINE_SOURCE" != merge_request_event ]; then
        npx neaspec-track validate --strict .
        exit $?
      fi
      # The merge base: the target branch as this merge request started from it.
      BASE="$CI_MERGE_REQUEST_DIFF_BASE_SHA"
      status=0
      npx neaspec-track validate --strict --base "$BASE" . || status=$?
      if npx neaspec-track --framework . diff "$BASE" --format md --out neaspec-track-diff.md && [ -n "$NEASPEC_TRACK_TOKEN" ]; then
        notes="$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes"
        curl --fail --silent --show-error --header "PRIVATE-TOKEN: $NEASPEC_TRACK_TOKEN" \\
          --data-urlencode "body@neaspec-track-diff.md" "$notes" > /dev/null || echo "could not post the note"
      fi
      exit $status
`;
