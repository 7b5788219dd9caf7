// Walks over control edges shared by the graph-wide rules: what a set of nodes reaches, and which nodes form loops.

/** Breadth-first reach over control edges; `stop` nodes are reached but not passed through. */
export function reach(from: string[], next: Map<string, string[]>, stop?: (id: string) => boolean): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  for (let i = 0; i < queue.length; i++) {
    if (stop?.(queue[i])) continue;
    for (const target of next.get(queue[i]) ?? []) {
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return seen;
}

/** Tarjan's strongly connected components, iterative so a long chain cannot overflow the stack. */
export function stronglyConnected(ids: string[], next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (id: string) => {
    index.set(id, index.size);
    low.set(id, index.get(id)!);
    stack.push(id);
    onStack.add(id);
  };
  for (const root of ids) {
    if (index.has(root)) continue;
    visit(root);
    const frames = [{ id: root, cursor: 0 }];
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const targets = next.get(frame.id) ?? [];
      if (frame.cursor < targets.length) {
        const target = targets[frame.cursor++];
        if (!index.has(target)) {
          visit(target);
          frames.push({ id: target, cursor: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) components.push(popComponent(stack, onStack, frame.id));
    }
  }
  return components;
}

function popComponent(stack: string[], onStack: Set<string>, root: string): string[] {
  const component: string[] = [];
  let id: string;
  do {
    id = stack.pop()!;
    onStack.delete(id);
    component.push(id);
  } while (id !== root);
  return component;
}
