// A copied secret leaves the clipboard after its minute, unless the person copied something else meanwhile.
import assert from 'node:assert/strict';
import { SecretClipboard } from '../../../src/vscode/platform/secretClipboard.ts';
import { waitFor } from '../../support/waitFor.ts';

function fakeClipboard() {
  // A stand-in: no real clipboard exists in Node; VS Code's env.clipboard has these two methods.
  let text = '';
  return {
    readText: async () => text,
    writeText: async (v: string) => {
      text = v;
    },
    get text() {
      return text;
    },
  };
}

describe('the secret clipboard', () => {
  it('clears the clipboard after the delay when it still holds the secret', async () => {
    const board = fakeClipboard();
    const clip = new SecretClipboard(board, 30);
    await clip.copy('the-new-secret-value-1234');
    assert.equal(board.text, 'the-new-secret-value-1234');
    await waitFor(() => board.text === '', 'the clipboard is emptied', { timeoutMs: 2000 });
  });

  it('leaves what the person copied since', async () => {
    const board = fakeClipboard();
    const clip = new SecretClipboard(board, 30);
    await clip.copy('the-new-secret-value-1234');
    await board.writeText('something else');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(board.text, 'something else');
  });
});
