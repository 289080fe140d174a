"use client";

import {
  BaseEdge,
  Controls,
  EdgeLabelRenderer,
  getBezierPath,
  Handle,
  Position,
  ReactFlow,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { NODE_WIDTH, type PathEdge, type PathNode, type PathNodeKind } from "@/lib/inventory/identity-path";

// Draws a laid-out identity path (lib/inventory/identity-path.ts). Positions come from the server's
// deterministic layout, so nothing here moves nodes around; clicking a node opens its page.

type PathFlowNode = Node<PathNode, "path">;
type PathFlowEdge = Edge<PathEdge, "path">;

const KIND_STYLES: Record<PathNodeKind, { title: string; className: string }> = {
  workflow: { title: "Workflow", className: "border-indigo-300 bg-indigo-50" },
  credential: { title: "Credential", className: "border-amber-300 bg-amber-50" },
  connector: { title: "Connector", className: "border-sky-300 bg-sky-50" },
  resource: { title: "Resource", className: "border-slate-300 bg-white" },
};

function PathNodeView({ data }: NodeProps<PathFlowNode>) {
  const style = KIND_STYLES[data.kind];
  return (
    <div style={{ width: NODE_WIDTH }} className={`rounded-lg border px-3 py-2 shadow-sm ${style.className} ${data.href ? "cursor-pointer" : ""}`}>
      {data.kind !== "workflow" && <Handle type="target" position={Position.Left} className="!bg-slate-400" />}
      <p className="text-[10px] font-semibold uppercase tracking-wide text-slate-500">{style.title}</p>
      <p className={`truncate text-sm font-semibold text-slate-900 ${data.kind === "resource" ? "font-mono" : ""}`} title={data.label}>
        {data.label}
      </p>
      {data.detail.map((line) => (
        <p key={line} className="truncate text-xs text-slate-600" title={line}>
          {line}
        </p>
      ))}
      {data.warning && <p className="mt-1 inline-block rounded bg-rose-100 px-1.5 py-0.5 text-[11px] font-medium text-rose-800">{data.warning}</p>}
      {data.kind !== "resource" && <Handle type="source" position={Position.Right} className="!bg-slate-400" />}
    </div>
  );
}

const LINE_STYLES: Record<PathEdge["line"], { stroke: string; strokeWidth: number; strokeDasharray?: string }> = {
  solid: { stroke: "#4f46e5", strokeWidth: 2 },
  dashed: { stroke: "#0284c7", strokeWidth: 2, strokeDasharray: "7 5" },
  dotted: { stroke: "#94a3b8", strokeWidth: 1.5, strokeDasharray: "2 4" },
};

function PathEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<PathFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!data) return null;
  return (
    <>
      <BaseEdge id={id} path={path} style={LINE_STYLES[data.line]} />
      {data.label.length > 0 && (
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan pointer-events-none absolute rounded border border-slate-200 bg-white/95 px-1.5 py-0.5 text-[10px] leading-tight text-slate-700 shadow-sm"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {data.label.map((line) => (
              <div key={line} className="whitespace-nowrap">
                {line}
              </div>
            ))}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const nodeTypes = { path: PathNodeView };
const edgeTypes = { path: PathEdgeView };

// The card is about this wide on a laptop; the drawing is scaled to fit it, and so is its height,
// plus room below for the zoom controls.
const TYPICAL_WIDTH = 1100;
const CONTROLS_ROOM = 130;

export function IdentityPathGraph({ nodes, edges, width, height, workflowName }: { nodes: PathNode[]; edges: PathEdge[]; width: number; height: number; workflowName: string }) {
  const router = useRouter();
  const flowNodes = useMemo<PathFlowNode[]>(() => nodes.map((node) => ({ id: node.id, type: "path", position: node.position, data: node })), [nodes]);
  const flowEdges = useMemo<PathFlowEdge[]>(() => edges.map((edge) => ({ id: edge.id, type: "path", source: edge.source, target: edge.target, data: edge })), [edges]);
  return (
    <div
      role="figure"
      aria-label={`Identity path of ${workflowName}: ${nodes.length - 1} connected items. The table below lists every grant.`}
      className="w-full overflow-hidden rounded-lg border border-slate-200 bg-slate-50"
      style={{ height: Math.round(Math.min(720, Math.max(240, height * Math.min(1, TYPICAL_WIDTH / width) + CONTROLS_ROOM))) }}
    >
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={{ padding: 0.04, maxZoom: 1 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        minZoom={0.3}
        onNodeClick={(_, node) => {
          if (node.data.href) router.push(node.data.href);
        }}
      >
        <Controls showInteractive={false} orientation="horizontal" position="bottom-left" />
      </ReactFlow>
    </div>
  );
}

export function IdentityPathLegend() {
  return (
    <ul className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600" aria-label="Legend">
      <li className="flex items-center gap-1.5">
        <svg width="28" height="6" aria-hidden="true"><line x1="0" y1="3" x2="28" y2="3" {...LINE_STYLES.solid} /></svg> approved grant, or credential in use
      </li>
      <li className="flex items-center gap-1.5">
        <svg width="28" height="6" aria-hidden="true"><line x1="0" y1="3" x2="28" y2="3" {...LINE_STYLES.dashed} /></svg> requested, awaiting a decision
      </li>
      <li className="flex items-center gap-1.5">
        <svg width="28" height="6" aria-hidden="true"><line x1="0" y1="3" x2="28" y2="3" {...LINE_STYLES.dotted} /></svg> reachable without a grant
      </li>
    </ul>
  );
}
