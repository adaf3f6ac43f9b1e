#!/usr/bin/env python3
"""One oslo.messaging-shaped RPC call published with kombu, as oslo's rabbit driver publishes it.

usage: call.py URL_FILE SERVER METHOD < args.json
The transport URL is read from URL_FILE (never argv). Declares a reply queue reply_<hex> (oslo's arguments),
publishes to exchange 'nova' (topic) with routing key compute.SERVER the envelope
{"oslo.version": "2.0", "oslo.message": json.dumps(msg)} through kombu's JSON serializer, then prints each
reply's message dict, one JSON line each, until one has ending true.
"""
import json
import sys
import uuid

import kombu

url_file, server, method = sys.argv[1:4]
with open(url_file) as f:
    url = f.read().strip()
args = json.load(sys.stdin)
reply_q = "reply_" + uuid.uuid4().hex
msg_id = uuid.uuid4().hex
msg = {"method": method, "args": args, "version": "6.0",
       "_msg_id": msg_id, "_reply_q": reply_q, "_timeout": None,
       "_unique_id": uuid.uuid4().hex, "_context_request_id": "req-" + str(uuid.uuid4())}
envelope = {"oslo.version": "2.0", "oslo.message": json.dumps(msg)}

with kombu.Connection(url.replace("rabbit://", "amqp://", 1), connect_timeout=10) as conn:
    channel = conn.channel()
    queue = kombu.Queue(reply_q, exchange=kombu.Exchange("", type="direct"), routing_key=reply_q, durable=False,
                        auto_delete=False, queue_arguments={"x-expires": 1800000}, channel=channel)
    queue.declare()
    nova = kombu.Exchange("nova", type="topic", durable=False, auto_delete=False)
    kombu.Producer(channel).publish(envelope, exchange=nova, routing_key="compute." + server, serializer="json",
                                    declare=[nova], expiration=30)
    done = []

    def on_reply(body, message):
        reply = json.loads(body["oslo.message"]) if isinstance(body, dict) else json.loads(json.loads(body)["oslo.message"])
        print(json.dumps(reply), flush=True)
        message.ack()
        if reply.get("_msg_id") == msg_id and reply.get("ending"):
            done.append(reply)

    with kombu.Consumer(channel, queues=[queue], callbacks=[on_reply], accept=["json"]):
        while not done:
            conn.drain_events(timeout=30)
    queue.delete()
