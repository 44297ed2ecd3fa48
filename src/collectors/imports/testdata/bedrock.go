package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"
	"github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types"
	openai "github.com/sashabaranov/go-openai"
)

// modelID is Claude on Bedrock; "gpt-4" in this comment is not a model reference.
const modelID = "anthropic.claude-3-haiku-20240307-v1:0"

/* import "github.com/anthropics/anthropic-sdk-go" inside a comment is not an import */
var raw = `import "github.com/tmc/langchaingo"`

func main() {
	cfg, _ := config.LoadDefaultConfig(context.Background(), config.WithRegion("us-east-1"))
	client := bedrockruntime.NewFromConfig(cfg)
	_, _ = client.Converse(context.Background(), &bedrockruntime.ConverseInput{ModelId: aws.String(modelID), Messages: []types.Message{}})
	fallback := openai.NewClient(os.Getenv("OPENAI_API_KEY"))
	_ = fallback
	fmt.Println(raw, "gpt-4o-mini")
}
